package io.presencegrid.api.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.ContextCustomizerFactories;
import org.springframework.test.context.TestExecutionListeners;

/**
 * An integration test of the API on a real grid of its own: the whole app on a random port, its client
 * node joined to {@code servers} server nodes started from the production configuration, with TLS and
 * accounts, before the Spring context is built ({@link ApiGrid}). The grid stops after the context has
 * closed, and is a bean meanwhile: a test reaches it with {@code @Autowired GridTestCluster}. The context
 * and its grid close after the class, unless {@link #shared()}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextCustomizerFactories(ApiGridCustomizerFactory.class)
@TestExecutionListeners(listeners = ApiGridLifecycle.class, mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public @interface ApiGridTest {

    /** The grid's name: its work directory under target/ and the ports it takes. */
    String name();

    /** The presence TTL the servers give a device session. */
    int ttlSeconds() default 60;

    /** How often the servers sweep for sessions that lapsed. */
    int sweepSeconds() default 60;

    int servers() default 2;

    /**
     * Kept after the class for the next one with equal settings (name, TTL, sweep, servers, properties),
     * each of them starting on empty caches: for classes that stop no node and change nothing else of
     * the grid or the app than data. A context and its grid take about 12 s to start and stop.
     */
    boolean shared() default false;

    /** The app's own properties for this test, as {@link SpringBootTest#properties()}. */
    @AliasFor(annotation = SpringBootTest.class, attribute = "properties")
    String[] properties() default {};
}
