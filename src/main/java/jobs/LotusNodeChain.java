package jobs;

import java.util.stream.Collectors;

import lotus.LotusClient;
import lotus.TipSet;
import lotus.TipSetKey;

/** The chain as the Lotus node sees it, with tipset keys in the pipeline's stored form. */
public final class LotusNodeChain implements NodeChain {
    private final LotusClient lotus;

    public LotusNodeChain(LotusClient lotus) {
        this.lotus = lotus;
    }

    static Tip tip(TipSet tipset) {
        return new Tip(tipset.height(), key(tipset));
    }

    /** Lotus answers a null round with the tipset below it: that height holds no tipset. */
    @Override
    public String keyAt(long height) {
        TipSet tipset = lotus.chainGetTipSetByHeight(height, TipSetKey.EMPTY);
        return tipset.height() < height ? "" : key(tipset);
    }

    static String key(TipSet tipset) {
        return tipset.cids().stream().map(Object::toString).collect(Collectors.joining(","));
    }
}
