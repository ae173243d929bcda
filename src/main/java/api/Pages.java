package api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Function;

/** Builds API.md's list answer {@code {items, nextCursor}} from {@code limit + 1} fetched rows. */
final class Pages {
    private Pages() {
    }

    static ObjectNode of(List<ObjectNode> fetched, int limit, Function<ObjectNode, ObjectNode> render,
                         Function<ObjectNode, String> cursorOf) {
        return ofAll(fetched, limit, shown -> shown.stream().map(render).toList(), cursorOf);
    }

    /** Like {@link #of} for a renderer that wants all shown rows at once (one actor lookup per page). */
    static ObjectNode ofAll(List<ObjectNode> fetched, int limit, Function<List<ObjectNode>, List<ObjectNode>> renderAll,
                            Function<ObjectNode, String> cursorOf) {
        List<ObjectNode> shown = fetched.subList(0, Math.min(limit, fetched.size()));
        ObjectNode page = ApiJson.object();
        page.putArray("items").addAll(renderAll.apply(shown));
        if (fetched.size() > limit) {
            page.put("nextCursor", cursorOf.apply(shown.get(shown.size() - 1)));
        } else {
            page.putNull("nextCursor");
        }
        return page;
    }
}
