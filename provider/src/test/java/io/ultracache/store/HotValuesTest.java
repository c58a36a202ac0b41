package io.ultracache.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The cache of decoded values by origin: it may forget, but never answers with another origin's value. */
class HotValuesTest {
    @Test
    void answersWhatWasAddedAndNothingElse() {
        HotValues hot = new HotValues(1 << 12);
        hot.put(42, "forty-two");
        assertEquals("forty-two", hot.get(42));
        assertNull(hot.get(43));
        assertNull(hot.get(0), "an empty cell's hint (0) does not answer for origin 0");
    }

    @Test
    void underEvictionEveryAnswerIsTheOriginsOwnValue() {
        HotValues hot = new HotValues(256); // 64 sets of 4: most of these evict
        for (long origin = 1; origin <= 10_000; origin++) {
            hot.put(origin, "v" + origin);
        }
        int answered = 0;
        for (long origin = 1; origin <= 10_000; origin++) {
            Object value = hot.get(origin);
            if (value != null) {
                assertEquals("v" + origin, value);
                answered++;
            }
        }
        assertTrue(answered > 0 && answered <= 256, "kept at most one value per cell: " + answered);
    }

    @Test
    void valuesSurviveGrowth() {
        HotValues hot = new HotValues(1 << 16);
        for (long origin = 1; origin <= 40; origin++) {
            hot.put(origin << 32, origin);
        }
        hot.sizeFor(10_000);
        assertTrue(hot.capacity() > 256);
        for (long origin = 1; origin <= 40; origin++) {
            assertEquals(origin, hot.get(origin << 32));
        }
    }
}
