package history;

import java.math.BigInteger;
import trace.GasCost;

/**
 * The network's gas-output rules (the FVM executor's, FIP-0007 over-estimation burn included):
 * what a message cost, from the message, its receipt and the base fee of the tipset that included
 * it. Degraded mode derives the gas outputs with it when the node gives no {@code StateCompute}.
 */
public final class GasOutputs {
    private static final BigInteger OVERUSE_NUM = BigInteger.valueOf(11);
    private static final BigInteger OVERUSE_DENOM = BigInteger.valueOf(10);

    private GasOutputs() {
    }

    /**
     * Gas outputs of an executed message. A message refused by the executor's pre-flight (exit code
     * 1 or 2, nothing charged to the sender) costs the miner {@code baseFee × gasLimit}.
     */
    public static GasCost of(long gasUsed, long gasLimit, long exitCode, BigInteger baseFee, BigInteger feeCap,
            BigInteger premium) {
        if (exitCode == 1 || exitCode == 2) {
            BigInteger zero = BigInteger.ZERO;
            return new GasCost(zero, zero, baseFee.multiply(BigInteger.valueOf(gasLimit)), zero, zero, zero, 0);
        }
        return compute(gasUsed, gasLimit, baseFee, feeCap, premium);
    }

    static GasCost compute(long gasUsed, long gasLimit, BigInteger baseFee, BigInteger feeCap, BigInteger premium) {
        BigInteger used = BigInteger.valueOf(gasUsed);
        BigInteger limit = BigInteger.valueOf(gasLimit);
        BigInteger baseFeeToPay = baseFee;
        BigInteger penalty = BigInteger.ZERO;
        if (baseFee.compareTo(feeCap) > 0) {
            baseFeeToPay = feeCap;
            penalty = baseFee.subtract(feeCap).multiply(used);
        }
        BigInteger baseFeeBurn = baseFeeToPay.multiply(used);
        BigInteger tipPerGas = baseFeeToPay.add(premium).compareTo(feeCap) > 0 ? feeCap.subtract(baseFeeToPay) : premium;
        BigInteger minerTip = tipPerGas.multiply(limit);
        BigInteger burned = gasBurned(gasUsed, gasLimit);
        BigInteger overEstimationBurn = BigInteger.ZERO;
        if (burned.signum() != 0) {
            overEstimationBurn = baseFeeToPay.multiply(burned);
            penalty = penalty.add(baseFee.subtract(baseFeeToPay).multiply(burned));
        }
        BigInteger required = feeCap.multiply(limit);
        BigInteger refund = required.subtract(baseFeeBurn).subtract(minerTip).subtract(overEstimationBurn);
        BigInteger total = baseFeeBurn.add(overEstimationBurn).add(minerTip);
        return new GasCost(baseFeeBurn, overEstimationBurn, penalty, minerTip, refund, total, gasUsed);
    }

    /** Gas units burnt for over-estimating: (N−10)% of the unused gas, N the over-estimation percentage, clamped. */
    static BigInteger gasBurned(long gasUsed, long gasLimit) {
        BigInteger limit = BigInteger.valueOf(gasLimit);
        if (gasUsed == 0) {
            return limit;
        }
        BigInteger used = BigInteger.valueOf(gasUsed);
        BigInteger over = limit.subtract(OVERUSE_NUM.multiply(used).divide(OVERUSE_DENOM)).max(BigInteger.ZERO).min(used);
        BigInteger remaining = limit.subtract(used).max(BigInteger.ZERO);
        return remaining.multiply(over).divide(used);
    }
}
