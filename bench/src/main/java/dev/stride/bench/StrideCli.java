package dev.stride.bench;

/** The command-line app run by {@code ./stride}. */
public final class StrideCli {
    private StrideCli() {}

    public static void main(String[] args) {
        System.out.println("stride: commands arrive with the foundation issue");
    }
}
