package io.presencegrid.api.fakes;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/** Empties the fake grid before each test: the slice's context, and so its grid, is shared by every test class. */
public final class FakeGridReset implements BeforeEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        SpringExtension.getApplicationContext(context).getBean(FakeGrid.class).reset();
    }
}
