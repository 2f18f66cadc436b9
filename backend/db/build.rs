//! `embed_migrations!` reads the migration files when the crate compiles, but cargo does not know
//! about them: without this, a new migration folder would not be compiled in until something else
//! changed.

fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
