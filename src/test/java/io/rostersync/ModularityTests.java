package io.rostersync;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(RostersyncApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void everyTopLevelPackageIsAModule() {
        org.assertj.core.api.Assertions.assertThat(modules.stream().map(m -> m.getBasePackage().getName()))
                .contains("io.rostersync.oneroster", "io.rostersync.generator", "io.rostersync.cli",
                        "io.rostersync.storage", "io.rostersync.sync", "io.rostersync.settings", "io.rostersync.directory",
                        "io.rostersync.intake", "io.rostersync.schedule", "io.rostersync.accounts", "io.rostersync.web",
                        "io.rostersync.demo");
    }
}
