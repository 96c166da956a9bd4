package dev.incidentsla.edge.input;

import org.springframework.core.convert.converter.Converter;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Query and path parameters by the same rules as the body: Spring's own conversion reads {@code 0x10} as 16 and
 * instants in several forms.
 */
public final class StrictParameters implements WebFluxConfigurer {

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverter(String.class, Long.class, (Converter<String, Long>) InputRules::wholeNumber);
        registry.addConverter(String.class, Integer.class, (Converter<String, Integer>) StrictParameters::integer);
        registry.addConverter(String.class, Instant.class, (Converter<String, Instant>) InputRules::instant);
        registry.addConverter(String.class, LocalDate.class, (Converter<String, LocalDate>) InputRules::date);
    }

    private static Integer integer(String text) {
        long value = InputRules.wholeNumber(text);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("must be a whole number between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE);
        }
        return (int) value;
    }
}
