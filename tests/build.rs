//! Fingerprints the migrations and the seed at compile time, so the test template's name matches
//! exactly the migrations compiled into this test binary (reading the files at run time could see
//! a migration that the binary does not contain yet).

use std::collections::hash_map::DefaultHasher;
use std::hash::Hasher;
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable directory") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            files(&path, out)
        } else {
            out.push(path)
        }
    }
}

fn main() {
    // Read at run time: cargo sets it for the build script of this very checkout.
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest_dir).join("..");
    let migrations = root.join("backend/db/migrations");
    let seed = root.join("seed/plan-r7-h1.json");
    println!("cargo:rerun-if-changed={}", migrations.display());
    println!("cargo:rerun-if-changed={}", seed.display());
    let mut paths = Vec::new();
    files(&migrations, &mut paths);
    for p in &paths {
        println!("cargo:rerun-if-changed={}", p.display());
    }
    paths.push(seed);
    paths.sort();
    // DefaultHasher::new() uses fixed keys, so the value is the same on every build.
    let mut hasher = DefaultHasher::new();
    for p in paths {
        hasher.write(p.strip_prefix(&root).expect("under the root").to_string_lossy().as_bytes());
        hasher.write(&std::fs::read(&p).expect("readable fixture"));
    }
    println!("cargo:rustc-env=SHINKO_FIXTURE_HASH={:016x}", hasher.finish());
}
