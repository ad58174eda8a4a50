package io.presencegrid.api.support;

import io.presencegrid.testing.GridTestCluster;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/** Starts the grid an {@link ApiGridTest} names before its context is refreshed. */
final class ApiGridCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configurations) {
        ApiGridTest test = TestContextAnnotationUtils.findMergedAnnotation(testClass, ApiGridTest.class);
        if (test == null) {
            return null;
        }
        int portSlot = test.shared() ? SHARED_SLOTS.computeIfAbsent(test.name(), name -> SHARED_SLOTS.size() + 1) : 0;
        return new GridForContext(test.name(), test.ttlSeconds(), test.sweepSeconds(), test.servers(), portSlot);
    }

    /** The ports each shared grid keeps while other classes start and stop theirs on slot 0. */
    private static final Map<String, Integer> SHARED_SLOTS = new ConcurrentHashMap<>();

    /** Equal for equal grids: Spring keys its context cache on the customizers, among others. */
    private record GridForContext(String name, int ttlSeconds, int sweepSeconds, int servers, int portSlot)
            implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration configuration) {
            Map<String, Object> properties = new LinkedHashMap<>();
            GridTestCluster grid = ApiGrid.start(name, ttlSeconds, sweepSeconds, servers, portSlot,
                    (property, value) -> properties.put(property, value.get()));
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("api-test-grid", properties));
            DefaultListableBeanFactory beans = (DefaultListableBeanFactory) context.getBeanFactory();
            beans.registerSingleton("apiTestGrid", grid);
            // Registered before any bean of the app, so destroyed after all of them: the client node
            // leaves before its servers stop.
            beans.registerDisposableBean("apiTestGridStop", () -> ApiGrid.stop(grid));
        }
    }
}
