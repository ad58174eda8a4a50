package io.presencegrid.api.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The body-size guard (first filter of all), Tomcat's error report as problem+json, and Tomcat's files
 * in the node's work directory.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimit(PresenceRejections rejections, ProblemWriter problems) {
        FilterRegistrationBean<RequestSizeLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestSizeLimitFilter(rejections, problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /**
     * An empty document root in Tomcat's own directory ({@code server.tomcat.basedir}, in the node's work
     * directory). Without one Spring Boot makes a new {@code tomcat-docbase.PORT.N} in the system's
     * temporary directory at every start and deletes it only at a clean exit, so every killed node left
     * one behind. Nothing is served from it: static files come from the classpath.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> documentRootInTomcatsDirectory(
            @Value("${server.tomcat.basedir}") String tomcatDirectory) {
        return factory -> {
            Path documentRoot = Path.of(tomcatDirectory, "docbase").toAbsolutePath();
            try {
                factory.setDocumentRoot(Files.createDirectories(documentRoot).toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create Tomcat's document root " + documentRoot, e);
            }
        };
    }

    /**
     * Swaps Boot's HTML ErrorReportValve for {@link ProblemErrorReportValve}. Ordered last, so that Boot's
     * own customizer has added its valve by then; and named as the host's error valve class, so that
     * Tomcat does not add its default one when the host starts.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports(ProblemWriter problems) {
        return new OrderedCustomizer(problems);
    }

    private static final class OrderedCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        private final ProblemWriter problems;

        OrderedCustomizer(ProblemWriter problems) {
            this.problems = problems;
        }

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                StandardHost host = (StandardHost) context.getParent();
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                host.getPipeline().addValve(new ProblemErrorReportValve(problems));
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
