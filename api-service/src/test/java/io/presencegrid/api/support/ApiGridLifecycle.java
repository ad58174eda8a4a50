package io.presencegrid.api.support;

import io.presencegrid.testing.GridTestCluster;
import org.apache.ignite.Ignite;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * What {@link ApiGridTest#shared()} means: a shared grid's caches are emptied before each class that
 * uses it, so no class sees another's users; any other context is closed after its class, grid and all.
 */
final class ApiGridLifecycle extends AbstractTestExecutionListener {

    @Override
    public void beforeTestClass(TestContext context) {
        if (shared(context)) {
            Ignite node = context.getApplicationContext().getBean(GridTestCluster.class).node(0);
            node.cacheNames().forEach(cache -> node.cache(cache).clear());
        }
    }

    @Override
    public void afterTestClass(TestContext context) {
        if (!shared(context)) {
            context.markApplicationContextDirty(DirtiesContext.HierarchyMode.EXHAUSTIVE);
        }
    }

    private static boolean shared(TestContext context) {
        ApiGridTest test = TestContextAnnotationUtils.findMergedAnnotation(context.getTestClass(), ApiGridTest.class);
        return test != null && test.shared();
    }
}
