package io.mezzo.allocator.drf;

import io.mezzo.api.Resources;
import java.util.ArrayList;
import java.util.List;

/**
 * What one framework holds on one agent under one role (offered or in use), kept as the pieces
 * it was given rather than as one sum: a framework usually gives back exactly what it was
 * offered, and finding that piece again is far cheaper than adding and subtracting resources
 * with ranges (ports) every time. Pieces are merged only when a recovery does not match one.
 */
final class Holding {
    final FrameworkState framework;
    final String role;
    private final List<Resources> pieces = new ArrayList<>(2);

    Holding(FrameworkState framework, String role, Resources resources) {
        this.framework = framework;
        this.role = role;
        pieces.add(resources);
    }

    void add(Resources resources) {
        pieces.add(resources);
    }

    boolean isEmpty() {
        return pieces.isEmpty();
    }

    /** Each piece held; their sum is what the framework holds here. */
    List<Resources> pieces() {
        return List.copyOf(pieces);
    }

    /**
     * Takes back what is held of {@code resources} and returns it.
     *
     * @throws IllegalArgumentException when {@code resources} disagree in type with what is held
     */
    Resources release(Resources resources) {
        for (int i = pieces.size() - 1; i >= 0; i--) {
            Resources piece = pieces.get(i);
            if (piece == resources || piece.equals(resources)) {
                pieces.remove(i);
                return piece;
            }
        }
        Resources held = pieces.get(0);
        for (int i = 1; i < pieces.size(); i++) {
            held = held.plus(pieces.get(i));
        }
        Resources released = ResourceMath.common(held, resources);
        Resources kept = released == held ? Resources.empty() : held.minus(released);
        pieces.clear();
        if (!kept.isEmpty()) {
            pieces.add(kept);
        }
        return released;
    }
}
