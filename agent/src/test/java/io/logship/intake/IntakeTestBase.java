package io.logship.intake;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real intake per test class on an ephemeral loopback port (options from {@link #options}); every test starts
 * with no records, no knobs armed and zero counters. Knobs are off unless a class turns them on in {@link #options}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IntakeTestBase {
    Path dataDirectory;
    LocalIntake intake;
    IntakeClient client;

    /** The options for this class's intake; override to change them. */
    LocalIntakeOptions.Builder options(Path directory) {
        return LocalIntakeOptions.builder(directory).port(0);
    }

    @BeforeAll
    void startIntake(@TempDir Path directory) throws IOException {
        dataDirectory = directory;
        intake = LocalIntake.start(options(dataDirectory).build());
        client = new IntakeClient(intake);
    }

    @AfterAll
    void stopIntake() {
        if (intake != null) {
            intake.close();
        }
    }

    @BeforeEach
    void resetIntake() {
        intake.deleteAll();
        if (intake.options().knobs()) {
            intake.knobs().clear();
        }
        intake.resetStats();
    }
}
