fn main() {
    println!("vtr: not built yet");
}
