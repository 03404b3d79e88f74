package dev.attune.instrumentation.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MethodPatternTest {

    private static MethodPattern parse(String text) {
        MethodPattern.Parsed parsed = MethodPattern.parse(text);
        assertNull(parsed.error(), text);
        return parsed.pattern();
    }

    private static void types(String pattern, String[] match, String[] noMatch) {
        MethodPattern p = parse(pattern);
        for (String name : match) {
            assertTrue(p.matchesTypeName(name), pattern + " should match " + name);
        }
        for (String name : noMatch) {
            assertTrue(!p.matchesTypeName(name), pattern + " should not match " + name);
        }
    }

    @Test
    void exactTypeName() {
        types("com.acme.OrderService#place", new String[] {"com.acme.OrderService"},
                new String[] {"com.acme.OrderServiceImpl", "com.acme.Order", "org.com.acme.OrderService"});
    }

    @Test
    void starStaysWithinOnePackageSegment() {
        types("com.acme.repo.*#find*", new String[] {"com.acme.repo.UserRepo", "com.acme.repo.Outer$Inner"},
                new String[] {"com.acme.repo.sub.UserRepo", "com.acme.repos.UserRepo", "com.acme.repo"});
        types("com.acme.*Service#get", new String[] {"com.acme.OrderService", "com.acme.Service"},
                new String[] {"com.acme.x.OrderService", "com.acme.OrderServiceImpl"});
    }

    @Test
    void questionMarkIsOneCharacter() {
        types("com.acme.V?#run", new String[] {"com.acme.V1", "com.acme.V2"},
                new String[] {"com.acme.V", "com.acme.V10", "com.acme.V."});
    }

    @Test
    void trailingDotDotStarIsThePackageAndItsSubpackages() {
        types("com.acme.api..*#*", new String[] {"com.acme.api.X", "com.acme.api.v2.Y", "com.acme.api.v2.deep.Z$1"},
                new String[] {"com.acme.apix.Z", "com.acme.api", "com.acme.Api"});
    }

    @Test
    void nestedTypesUseDollar() {
        types("com.acme.Outer$Inner#run", new String[] {"com.acme.Outer$Inner"},
                new String[] {"com.acme.Outer", "com.acme.Outer$Inner$Deeper"});
    }

    @Test
    void methodGlobs() {
        MethodPattern p = parse("  com.acme.Repo#find*  ");
        assertEquals("com.acme.Repo#find*", p.text());
        assertTrue(p.matchesMethodName("find"));
        assertTrue(p.matchesMethodName("findById"));
        assertTrue(!p.matchesMethodName("refind"));
        MethodPattern q = parse("a.B#get?");
        assertTrue(q.matchesMethodName("getX"));
        assertTrue(!q.matchesMethodName("get"));
        assertTrue(parse("a.B#*").matchesMethodName("anything$1"));
    }

    @Test
    void subtypePatternsAreDecidedOnTheHierarchyNotTheName() {
        MethodPattern p = parse("com.acme.Repository+#find*");
        assertEquals("com.acme.Repository", p.supertype());
        assertTrue(!p.matchesTypeName("com.acme.Repository"), "decided by MethodSelection on the hierarchy");
    }

    @Test
    void invalidPatternsSayWhatIsWrongAndWhatIsExpected() {
        String[][] cases = {
                {null, "empty pattern"},
                {"   ", "empty pattern"},
                {"com.acme.OrderService", "missing '#'"},
                {"a.B#c#d", "more than one '#'"},
                {"#place", "empty type part"},
                {"com.acme.OrderService#", "empty method part"},
                {"com.acme.Order Service#place", "illegal character ' ' in type part"},
                {"com.acme.OrderService#pl-ace", "illegal character '-' in method part"},
                {"com..acme.X#y", "'..' is only allowed at the end"},
                {"com.acme..X#y", "'..' is only allowed at the end"},
                {".com.acme.X#y", "starts or ends with '.'"},
                {"com.acme.#y", "starts or ends with '.'"},
                {"com.acme.*Repo+#find", "'+' (type and its subtypes) takes an exact type name"},
                {"com.acme.Repo++#find", "'+' (type and its subtypes) takes an exact type name"},
                {"..*#x", "empty type name"},
                {"###", "more than one '#'"},
                {"no-hash-here", "missing '#'"},
        };
        for (String[] c : cases) {
            MethodPattern.Parsed parsed = MethodPattern.parse(c[0]);
            assertNull(parsed.pattern(), String.valueOf(c[0]));
            assertNotNull(parsed.error(), String.valueOf(c[0]));
            assertTrue(parsed.error().contains(c[1]), c[0] + " -> " + parsed.error());
            assertTrue(parsed.error().contains("expected <type>#<method>"), parsed.error());
        }
    }
}
