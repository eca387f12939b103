package io.coerouter.router.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;

/**
 * Binds a closed set of configuration values to its enum by the lower-case id operators write ({@code self-moa}),
 * accepting what Spring Boot's own lenient binding accepts ({@code SELF_MOA}, {@code selfmoa}); any other value fails
 * start-up with the allowed ids, which Boot's message alone would not list.
 */
final class IdEnumConverter<E extends Enum<E>> implements GenericConverter {

    private final Class<E> type;
    private final Function<E, String> id;
    private final List<String> ids;

    private IdEnumConverter(Class<E> type, Function<E, String> id) {
        this.type = type;
        this.id = id;
        this.ids = Arrays.stream(type.getEnumConstants()).map(id).toList();
    }

    /** Converts to {@code type} by the ids {@code id} gives its constants. */
    static <E extends Enum<E>> IdEnumConverter<E> of(Class<E> type, Function<E, String> id) {
        return new IdEnumConverter<>(type, id);
    }

    @Override
    public Set<ConvertiblePair> getConvertibleTypes() {
        return Set.of(new ConvertiblePair(String.class, type));
    }

    @Override
    public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
        if (source == null) {
            return null;
        }
        String value = source.toString();
        String wanted = lenient(value);
        for (E constant : type.getEnumConstants()) {
            if (lenient(id.apply(constant)).equals(wanted)
                    || lenient(constant.name()).equals(wanted)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("must be one of " + ids + ", but was '" + value + "'");
    }

    /** As Boot compares enum names: letters and digits only, lower case. */
    private static String lenient(String value) {
        return value.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
    }
}
