fn main() {
    std::process::exit(rotation::cli::run(std::env::args_os()));
}
