package filflow;

import java.util.StringJoiner;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs every {@link ConfigKey} as resolved at start (env name = value), secrets masked. */
public final class EffectiveConfiguration extends MainListenerSupport {
    private static final Logger LOG = LoggerFactory.getLogger(EffectiveConfiguration.class);

    @Override
    public void afterConfigure(BaseMainSupport main) {
        LOG.info("Effective configuration:{}", describe(new Settings(main.getCamelContext().getPropertiesComponent()::resolveProperty)));
    }

    static String describe(Settings settings) {
        StringJoiner out = new StringJoiner("");
        for (ConfigKey key : ConfigKey.values()) {
            String value = settings.get(key);
            out.add("\n  " + key.env() + " = " + (value == null ? "(unset)" : isSecret(key) ? "****" : value));
        }
        return out.toString();
    }

    static boolean isSecret(ConfigKey key) {
        String p = key.property();
        // a webhook URL is a credential by itself (whoever has it may post)
        return p.contains("password") || p.contains("token") || p.contains("secret") || p.contains("webhook");
    }
}
