package io.mezzo.allocator.drf;

import io.mezzo.api.ItemSet;
import io.mezzo.api.Ranges;
import io.mezzo.api.Resource;
import io.mezzo.api.Resources;
import io.mezzo.api.Scalar;
import io.mezzo.api.Value;
import java.util.List;

/** Resource checks the allocator makes often enough that they must not allocate. */
final class ResourceMath {
    private ResourceMath() {}

    /**
     * Same answer as {@code big.contains(small)}, by one merge walk over the two normalized
     * (name, role)-sorted lists instead of building maps.
     */
    static boolean contains(Resources big, Resources small) {
        if (big == small) {
            return true;
        }
        List<Resource> have = big.list();
        int i = 0;
        for (Resource want : small.list()) {
            while (i < have.size() && have.get(i).compareTo(want) < 0) {
                i++;
            }
            if (i == have.size()) {
                return false;
            }
            Resource candidate = have.get(i);
            if (candidate.compareTo(want) != 0 || !covers(candidate.value(), want.value())) {
                return false;
            }
        }
        return true;
    }

    /** What {@code held} and {@code resources} have in common (the part of a recovery that was really held). */
    static Resources common(Resources held, Resources resources) {
        if (held == resources || held.equals(resources)) {
            return held;
        }
        return held.minus(held.minus(resources));
    }

    private static boolean covers(Value have, Value want) {
        if (have instanceof Scalar x && want instanceof Scalar y) {
            return x.millis() >= y.millis();
        }
        if (have instanceof Ranges x && want instanceof Ranges y) {
            return x.contains(y);
        }
        if (have instanceof ItemSet x && want instanceof ItemSet y) {
            return x.contains(y);
        }
        return false;
    }
}
