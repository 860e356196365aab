package dev.stride.nn.optim;

/**
 * A learning rate per epoch (0-based), applied by the trainer before each epoch. Closed forms of
 * PyTorch's {@code StepLR} and {@code CosineAnnealingLR}.
 */
public interface LrSchedule {
    /** The learning rate for {@code epoch}, given the base rate. */
    double lr(double baseLr, int epoch);

    /** A constant rate. */
    static LrSchedule constant() { return (base, epoch) -> base; }

    /** {@code StepLR(step_size, gamma)}: {@code base * gamma^floor(epoch / step_size)}. */
    static LrSchedule step(int stepSize, double gamma) {
        if (stepSize <= 0) throw new IllegalArgumentException("step_size " + stepSize + " must be positive");
        if (!(gamma > 0)) throw new IllegalArgumentException("gamma " + gamma + " must be positive");
        return (base, epoch) -> base * Math.pow(gamma, Math.floorDiv(epoch, stepSize));
    }

    /** {@code CosineAnnealingLR(T_max, eta_min)}: {@code eta_min + (base - eta_min)(1 + cos(pi*epoch/T_max))/2}. */
    static LrSchedule cosine(int tMax, double etaMin) {
        if (tMax <= 0) throw new IllegalArgumentException("T_max " + tMax + " must be positive");
        if (!(etaMin >= 0)) throw new IllegalArgumentException("eta_min " + etaMin + " must be >= 0");
        return (base, epoch) -> etaMin + (base - etaMin) * (1 + Math.cos(Math.PI * epoch / tMax)) / 2;
    }
}
