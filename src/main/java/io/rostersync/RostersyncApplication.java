package io.rostersync;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Spring application that {@code serve} starts; its top-level packages are the modules. */
@SpringBootApplication
public class RostersyncApplication {
}
