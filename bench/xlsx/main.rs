//! `xlsx-bench TABLE.json RUNS`: builds the Excel workbook of a compiled table RUNS times with the
//! product's own writer (`shinko_api::export::xlsx::write`, what `GET /periods/{id}/table.xlsx`
//! runs after compiling) and prints, as JSON, the median, quartiles, min and max in milliseconds.
//! TABLE.json is the body of `GET /api/v1/periods/{id}/table` (bench/run fetches it).

use std::time::Instant;

use shinko_db::table::CompiledTable;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: xlsx-bench TABLE.json [RUNS]");
    let runs: usize = args.next().map(|r| r.parse().expect("RUNS is a number")).unwrap_or(100);
    let table: CompiledTable = serde_json::from_slice(&std::fs::read(&path).expect("read the table")).expect("a compiled table");
    let rows = table.rows().count();

    // Warm-up: allocator, page cache, lazy statics.
    let mut size = 0;
    for _ in 0..3 {
        size = shinko_api::export::xlsx::write(&table).expect("workbook").len();
    }
    let mut ms: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let bytes = shinko_api::export::xlsx::write(&table).expect("workbook");
            let elapsed = start.elapsed().as_secs_f64() * 1000.0;
            std::hint::black_box(bytes);
            elapsed
        })
        .collect();
    ms.sort_by(|a, b| a.partial_cmp(b).expect("no NaN"));
    let at = |q: f64| ms[((ms.len() - 1) as f64 * q).round() as usize];
    println!(
        "{{\"runs\": {runs}, \"rows\": {rows}, \"bytes\": {size}, \"median_ms\": {:.3}, \"p25_ms\": {:.3}, \"p75_ms\": {:.3}, \"min_ms\": {:.3}, \"max_ms\": {:.3}}}",
        at(0.5),
        at(0.25),
        at(0.75),
        ms[0],
        ms[ms.len() - 1]
    );
}
