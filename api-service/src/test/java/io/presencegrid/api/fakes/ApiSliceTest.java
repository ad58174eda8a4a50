package io.presencegrid.api.fakes;

import io.presencegrid.api.web.PresenceRejections;
import io.presencegrid.api.web.ProblemWriter;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Service;

/**
 * The API's web layer as production assembles it, over a {@link FakeGrid}: every controller and the
 * exception handler, the real services, the real security chain (bearer JWTs, the rate-limit filter, the
 * problem answers) and the body-size filter, driven through MockMvc. Everything in the grid package, the
 * WebSocket side and the actuator are left out, so no Ignite node starts. Every class with this
 * annotation shares one application context, and each test starts from an empty grid.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest(includeFilters = {
        @ComponentScan.Filter(Service.class),
        @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = {PresenceRejections.class, ProblemWriter.class}),
        // Package-private, so named rather than referenced.
        @ComponentScan.Filter(type = FilterType.REGEX,
                pattern = "io\\.presencegrid\\.api\\.(auth\\.SecurityConfiguration|web\\.WebConfiguration)")})
@Import(FakeGridConfiguration.class)
@ExtendWith(FakeGridReset.class)
public @interface ApiSliceTest {
}
