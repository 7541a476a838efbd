package org.offloadbench.reports.stats;

import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

/**
 * Gunther's Universal Scalability Law fitted by least squares:
 * {@code X(N) = lambda*N / (1 + sigma*(N-1) + kappa*N*(N-1))}. sigma is contention (the serial share),
 * kappa coherency (the cost of workers agreeing with each other); with kappa > 0 throughput peaks at
 * {@code N* = sqrt((1 - sigma) / kappa)} and falls after it.
 *
 * @param lambda    throughput of one worker in the fitted curve (ops/s)
 * @param sigma     contention coefficient, >= 0
 * @param kappa     coherency coefficient, >= 0
 * @param points    number of (N, X) points fitted
 * @param rSquared  coefficient of determination of the fit
 */
public record UslFit(double lambda, double sigma, double kappa, int points, double rSquared) {

    public static final int MIN_POINTS = 3;

    /** Fits the law; empty with fewer than {@link #MIN_POINTS} distinct worker counts. */
    public static Optional<UslFit> fit(double[] workers, double[] throughput) {
        if (workers.length != throughput.length) {
            throw new IllegalArgumentException("workers and throughput differ in length: "
                    + workers.length + " vs " + throughput.length);
        }
        if (java.util.Arrays.stream(workers).distinct().count() < MIN_POINTS) {
            return Optional.empty();
        }
        double lambda0 = 0;
        for (int i = 0; i < workers.length; i++) {
            if (workers[i] <= 0) {
                throw new IllegalArgumentException("worker counts must be positive, was " + workers[i]);
            }
            lambda0 = Math.max(lambda0, throughput[i] / workers[i]);
        }
        LeastSquaresBuilder builder = new LeastSquaresBuilder()
                .start(new double[] {lambda0, 0.05, 0.001})
                .target(throughput)
                .model(point -> evaluate(point, workers))
                // keep the coefficients physical: a negative sigma or kappa would mean superlinear magic
                .parameterValidator(p -> new ArrayRealVector(new double[] {
                        Math.max(p.getEntry(0), 1e-12), Math.max(p.getEntry(1), 0), Math.max(p.getEntry(2), 0)}))
                .maxEvaluations(10_000)
                .maxIterations(10_000);
        LeastSquaresOptimizer.Optimum optimum = new LevenbergMarquardtOptimizer().optimize(builder.build());
        RealVector p = optimum.getPoint();
        UslFit fit = new UslFit(p.getEntry(0), p.getEntry(1), p.getEntry(2), workers.length, 0);
        return Optional.of(new UslFit(fit.lambda, fit.sigma, fit.kappa, workers.length,
                rSquared(fit, workers, throughput)));
    }

    private static Pair<RealVector, org.apache.commons.math3.linear.RealMatrix> evaluate(RealVector p,
                                                                                        double[] workers) {
        double lambda = p.getEntry(0);
        double sigma = p.getEntry(1);
        double kappa = p.getEntry(2);
        double[] values = new double[workers.length];
        double[][] jacobian = new double[workers.length][3];
        for (int i = 0; i < workers.length; i++) {
            double n = workers[i];
            double d = 1 + sigma * (n - 1) + kappa * n * (n - 1);
            values[i] = lambda * n / d;
            jacobian[i][0] = n / d;
            jacobian[i][1] = -lambda * n * (n - 1) / (d * d);
            jacobian[i][2] = -lambda * n * n * (n - 1) / (d * d);
        }
        return new Pair<>(new ArrayRealVector(values, false), new Array2DRowRealMatrix(jacobian, false));
    }

    private static double rSquared(UslFit fit, double[] workers, double[] throughput) {
        double mean = java.util.Arrays.stream(throughput).average().orElse(0);
        double ssRes = 0;
        double ssTot = 0;
        for (int i = 0; i < workers.length; i++) {
            double e = throughput[i] - fit.predict(workers[i]);
            ssRes += e * e;
            ssTot += (throughput[i] - mean) * (throughput[i] - mean);
        }
        return ssTot == 0 ? 1 : 1 - ssRes / ssTot;
    }

    public double predict(double workers) {
        return lambda * workers / (1 + sigma * (workers - 1) + kappa * workers * (workers - 1));
    }

    /** Worker count of peak throughput; empty when kappa is 0 (throughput only flattens out). */
    public OptionalDouble peakWorkers() {
        if (kappa <= 0 || sigma >= 1) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.sqrt((1 - sigma) / kappa));
    }
}
