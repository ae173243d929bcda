package rosetta;

import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Handler bean {@code rosettaEndpoints} of {@code routes/api-rosetta.camel.yaml}: reads the request
 * body, answers 200 with the response object. Failures are answered by route configuration
 * {@code rosetta-errors} ({@link RosettaResponses#failure}).
 */
public final class RosettaEndpoints {
    private final RosettaApi rosetta;

    public RosettaEndpoints(api.ExplorerApi api) {
        this.rosetta = api.rosetta();
    }

    public void networkList(Exchange x) {
        answer(x, rosetta::networkList);
    }

    public void networkStatus(Exchange x) {
        answer(x, rosetta::networkStatus);
    }

    public void networkOptions(Exchange x) {
        answer(x, rosetta::networkOptions);
    }

    public void block(Exchange x) {
        answer(x, rosetta::block);
    }

    public void blockTransaction(Exchange x) {
        answer(x, rosetta::blockTransaction);
    }

    public void accountBalance(Exchange x) {
        answer(x, rosetta::accountBalance);
    }

    public void mempool(Exchange x) {
        answer(x, rosetta::mempool);
    }

    private static void answer(Exchange x, Function<String, Object> endpoint) {
        Message m = x.getMessage();
        String body = m.getBody(String.class);
        RosettaResponses.write(m, 200, endpoint.apply(body == null ? "" : body));
    }
}
