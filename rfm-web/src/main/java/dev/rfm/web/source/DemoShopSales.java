package dev.rfm.web.source;

import dev.rfm.domain.demo.DemoShop;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The demo shop ({@link DemoShop}) while the product runs with demo data ({@code RFM_DEMO_SHOP}, by default as {@code
 * RFM_DEMO_DATA}): opened or created at start, it sells a few orders every minute, so a data source on it has new
 * orders to pull. Without H2 on the server (it comes with Payara and WildFly) there is no demo shop, and the start
 * says so.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN) // one volatile field; pages must not wait for a sale
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DemoShopSales {

    private static final Logger LOG = Logger.getLogger(DemoShopSales.class.getName());

    @Inject
    @ConfigProperty(name = "rfm.demo.data", defaultValue = "true")
    boolean demoData;

    @Inject
    @ConfigProperty(name = "rfm.demo.shop")
    Optional<Boolean> demoShop;

    @Inject
    @ConfigProperty(name = "rfm.data.dir", defaultValue = "./rfm-data")
    String dataDir;

    private final SplittableRandom random = new SplittableRandom();
    private volatile DemoShop shop;

    @PostConstruct
    void open() {
        if (!demoShop.orElse(demoData)) return;
        try {
            shop = DemoShop.openOrCreate(Path.of(dataDir), LocalDateTime.now(), random);
            LOG.info(() -> "Demo shop open for data sources: " + shop.url());
        } catch (SQLException | IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "No demo shop: " + e.getMessage(), e);
        }
    }

    @Schedule(minute = "*", hour = "*", persistent = false)
    void sell() {
        DemoShop open = shop;
        if (open == null) return;
        try {
            open.sell(LocalDateTime.now(), random);
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "The demo shop could not sell: " + e.getMessage(), e);
        }
    }

    /** The demo shop, when there is one. */
    public Optional<DemoShop> shop() {
        return Optional.ofNullable(shop);
    }
}
