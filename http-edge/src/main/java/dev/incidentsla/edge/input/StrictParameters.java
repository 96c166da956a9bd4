package dev.incidentsla.edge.input;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

import java.beans.PropertyEditorSupport;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Function;

/**
 * Query and path parameters by the same rules as the body: Spring's own conversion reads {@code 0x10} as 16,
 * instants in several forms, and {@code yes}, {@code on} or {@code 1} as true. Editors registered on every binder come before the conversion service.
 */
@ControllerAdvice
public class StrictParameters {

    @InitBinder
    void strictForms(WebDataBinder binder) {
        binder.registerCustomEditor(long.class, editor(InputRules::wholeNumber));
        binder.registerCustomEditor(Long.class, editor(InputRules::wholeNumber));
        binder.registerCustomEditor(int.class, editor(StrictParameters::integer));
        binder.registerCustomEditor(Integer.class, editor(StrictParameters::integer));
        binder.registerCustomEditor(Instant.class, editor(InputRules::instant));
        binder.registerCustomEditor(LocalDate.class, editor(InputRules::date));
        binder.registerCustomEditor(boolean.class, editor(StrictParameters::bool));
        binder.registerCustomEditor(Boolean.class, editor(StrictParameters::bool));
    }

    private static PropertyEditorSupport editor(Function<String, Object> read) {
        return new PropertyEditorSupport() {
            @Override
            public void setAsText(String text) {
                setValue(read.apply(text));
            }
        };
    }

    private static Boolean bool(String text) {
        if (!"true".equals(text) && !"false".equals(text)) {
            throw new IllegalArgumentException("must be true or false");
        }
        return Boolean.valueOf(text);
    }

    private static Integer integer(String text) {
        long value = InputRules.wholeNumber(text);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("must be a whole number between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE);
        }
        return (int) value;
    }
}
