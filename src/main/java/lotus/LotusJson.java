package lotus;

import codec.address.Address;
import codec.address.AddressException;
import codec.address.Network;
import codec.cid.Cid;
import codec.cid.InvalidCidException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * The Jackson setup for Lotus JSON: CIDs as {@code {"/": "bafy…"}}, addresses as strings printed
 * with the configured network prefix, attoFIL as decimal strings read into BigInteger, bytes as base64.
 */
final class LotusJson {
    private LotusJson() {
    }

    static ObjectMapper mapper(Network network) {
        SimpleModule module = new SimpleModule("lotus");
        module.addSerializer(Cid.class, new CidSerializer());
        module.addDeserializer(Cid.class, new CidDeserializer());
        module.addSerializer(Address.class, new AddressSerializer(network));
        module.addDeserializer(Address.class, new AddressDeserializer());
        ObjectMapper mapper = new ObjectMapper();
        // the client drains and closes HTTP bodies itself, so kept-alive connections survive a parse
        mapper.getFactory().disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
        return mapper
                .registerModule(module)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    private static final class CidSerializer extends JsonSerializer<Cid> {
        @Override
        public void serialize(Cid cid, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeStartObject();
            g.writeStringField("/", cid.toString());
            g.writeEndObject();
        }
    }

    private static final class CidDeserializer extends JsonDeserializer<Cid> {
        @Override
        public Cid deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            String text = null;
            if (p.currentToken() == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    if ("/".equals(name)) {
                        text = p.getValueAsString();
                    } else {
                        p.skipChildren();
                    }
                }
            } else if (p.currentToken() == JsonToken.VALUE_STRING) {
                text = p.getText();
            }
            if (text == null) {
                return (Cid) ctx.handleUnexpectedToken(Cid.class, p);
            }
            try {
                return Cid.parse(text);
            } catch (InvalidCidException e) {
                return (Cid) ctx.handleWeirdStringValue(Cid.class, text, e.getMessage());
            }
        }
    }

    private static final class AddressSerializer extends JsonSerializer<Address> {
        private final Network network;

        AddressSerializer(Network network) {
            this.network = network;
        }

        @Override
        public void serialize(Address a, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeString(a.toString(network));
        }
    }

    private static final class AddressDeserializer extends JsonDeserializer<Address> {
        @Override
        public Address deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            String text = p.getValueAsString();
            try {
                return Address.parse(text);
            } catch (AddressException e) {
                return (Address) ctx.handleWeirdStringValue(Address.class, text, e.getMessage());
            }
        }
    }
}
