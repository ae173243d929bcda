package trace;

import java.math.BigInteger;

/** What a message cost, in attoFIL; implicit messages have all zeros. */
public record GasCost(BigInteger baseFeeBurn, BigInteger overEstimationBurn, BigInteger minerPenalty,
        BigInteger minerTip, BigInteger refund, BigInteger totalCost, long gasUsed) {
}
