package io.edgerouter.testsupport;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class or method that reads these paths of {@link SharedData} (e.g. {@code "models/stories260K"}): without
 * one of them it is skipped with a one-line reason naming the missing path. It is a JUnit execution condition, which
 * JUnit evaluates before any class-level callback runs: a {@code @QuarkusTest} whose profile points the application
 * at shared files is skipped before Quarkus starts the application, so a clone without ../shared never boots an app
 * that cannot find its model.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(SharedDataCondition.class)
public @interface NeedsSharedData {

    /** Paths relative to the shared data folder, each of which must exist. */
    String[] value();
}
