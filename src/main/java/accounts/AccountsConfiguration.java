package accounts;

import filflow.ConfigKey;
import filflow.Settings;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.spi.Registry;

/**
 * Binds {@code accountsMail} (the steps of route {@code accounts-mail}) from {@code postgresDataSource}
 * and the SMTP settings; the API side of accounts is part of {@code explorerApi}.
 */
@Configuration
public class AccountsConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        Registry registry = context.getRegistry();
        Settings settings = new Settings(context.getPropertiesComponent()::resolveProperty);
        registry.bind("accountsMail", mailOutbox(settings,
                new Database(() -> registry.lookupByNameAndType("postgresDataSource", DataSource.class)),
                new RegistryClock(() -> registry.lookupByNameAndType("accountsClock", java.time.Clock.class))));
    }

    /** The outbox sender the settings describe: SMTP_URL, or .eml files in DATA_DIR/outbox/. */
    public static MailOutbox mailOutbox(Settings settings, Database db, java.time.Clock clock) {
        MailOutbox.Delivery delivery = new MailOutbox.Delivery(settings.get(ConfigKey.SMTP_URL), settings.get(ConfigKey.SMTP_USER),
                settings.get(ConfigKey.SMTP_PASSWORD), settings.get(ConfigKey.SMTP_FROM), settings.dataDir().resolve("outbox"));
        return new MailOutbox(db, clock, delivery, Integer.parseInt(settings.get(ConfigKey.ACCOUNTS_MAIL_MAX_ATTEMPTS).trim()),
                Duration.ofMillis(Long.parseLong(settings.get(ConfigKey.ACCOUNTS_MAIL_BACKOFF_MS).trim())));
    }
}
