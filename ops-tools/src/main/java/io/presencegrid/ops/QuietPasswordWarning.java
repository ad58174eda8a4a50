package io.presencegrid.ops;

import org.apache.ignite.IgniteLogger;

/**
 * The control utility's logger without its warning that a password on the command line is insecure:
 * {@link ControlUtility} passes the password inside the JVM, where no process list shows it, so the
 * warning would send operators after a problem they do not have. Everything else passes through.
 */
final class QuietPasswordWarning implements IgniteLogger {

    private final IgniteLogger delegate;

    QuietPasswordWarning(IgniteLogger delegate) {
        this.delegate = delegate;
    }

    private static boolean isPasswordWarning(String message) {
        return message != null && message.startsWith("Warning: --password is insecure");
    }

    @Override
    public IgniteLogger getLogger(Object context) {
        return new QuietPasswordWarning(delegate.getLogger(context));
    }

    @Override
    public void trace(String message) {
        delegate.trace(message);
    }

    @Override
    public void debug(String message) {
        delegate.debug(message);
    }

    @Override
    public void info(String message) {
        if (!isPasswordWarning(message)) {
            delegate.info(message);
        }
    }

    @Override
    public void warning(String message, Throwable error) {
        if (!isPasswordWarning(message)) {
            delegate.warning(message, error);
        }
    }

    @Override
    public void error(String message, Throwable error) {
        delegate.error(message, error);
    }

    @Override
    public boolean isTraceEnabled() {
        return delegate.isTraceEnabled();
    }

    @Override
    public boolean isDebugEnabled() {
        return delegate.isDebugEnabled();
    }

    @Override
    public boolean isInfoEnabled() {
        return delegate.isInfoEnabled();
    }

    @Override
    public boolean isQuiet() {
        return delegate.isQuiet();
    }

    @Override
    public String fileName() {
        return delegate.fileName();
    }
}
