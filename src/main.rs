fn main() {
    vtr_check::mount();
}
