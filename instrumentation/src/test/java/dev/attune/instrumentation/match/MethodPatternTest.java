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
    void wildcardsCombine() {
        types("com.*.repo.*Repo#find", new String[] {"com.acme.repo.UserRepo", "com.x.repo.Repo"},
                new String[] {"com.acme.sub.repo.UserRepo", "com.acme.repo.UserRepository"});
        types("com.acme.*..*#x", new String[] {"com.acme.api.X", "com.acme.api.v2.Y"},
                new String[] {"com.acme.X", "org.acme.api.X"});
        types("*#x", new String[] {"Main", "Main$1"}, new String[] {"com.Main"});
        types("com.acme.Order*$*#x", new String[] {"com.acme.Order$Line", "com.acme.OrderService$1"},
                new String[] {"com.acme.Order", "com.acme.OrderService"});
    }

    @Test
    void regexMetacharactersAreLiteral() {
        // '$' would be an end-of-input anchor in a regex; quoting keeps it a plain character.
        types("com.acme.Outer$Inner#run", new String[] {"com.acme.Outer$Inner"}, new String[] {"com.acme.OuterXInner"});
        types("com.acme.Outer$?#run", new String[] {"com.acme.Outer$1"}, new String[] {"com.acme.Outer$12"});
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
                {"com..acme.X#y", "empty package segment"},
                {"com.acme..X#y", "'..' is only allowed at the end"},
                {".com.acme.X#y", "starts or ends with '.'"},
                {"com.acme.#y", "starts or ends with '.'"},
                {"com.acme.*Repo+#find", "'+' (a type and its subtypes) needs an exact type name"},
                {"com.acme.Repo++#find", "'+' (a type and its subtypes) needs an exact type name"},
                {"com.acme.Re?o+#find", "'+' (a type and its subtypes) needs an exact type name"},
                {"com.acme..*+#find", "'+' (a type and its subtypes) needs an exact type name"},
                {"com.a+b.X#find", "illegal character '+' in type part"},
                {"com.acme.X#find()", "illegal character '(' in method part"},
                {"com.acme.X#a.b", "illegal character '.' in method part"},
                {"com.acme.X#<init>", "illegal character '<' in method part"},
                {"com.acme.X\0#y", "illegal character"}, // an ignorable char Java still calls an identifier part
                {"com.acme.X..#y", "starts or ends with '.'"},
                {"com.acme.X.#y", "starts or ends with '.'"},
                {"com.acme.X..*..*#y", "empty package segment"},
                {"+#y", "empty type name"},
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

    @Test
    void patternsThatCanNameOnlyJdkClassesTheAgentRunsOnAreRefusedWithoutSyntaxHelp() {
        for (String text : new String[] {"java.util.concurrent.atomic.*#*", "java.util.*#*", "java.lang.*#*",
                "java.util..*#*", "java.util.ArrayList#get", "jdk.internal.misc.Unsafe#*", "sun.misc.*#*",
                "java.lang.invoke..*#*", "java.util.concurrent.locks.LockSupport#unpark", "com.sun.*#*"}) {
            MethodPattern.Parsed parsed = MethodPattern.parse(text);
            assertNull(parsed.pattern(), text);
            assertTrue(parsed.error().contains("JDK package the agent itself runs on"), parsed.error());
            assertTrue(parsed.error().contains("\"" + text.substring(0, text.indexOf('#')) + "\""), parsed.error());
            assertTrue(!parsed.error().contains("expected"), parsed.error());
        }
    }

    @Test
    void patternsThatCanAlsoNameOtherClassesStayAndTheJdkOnesAmongThemAreLeftOutClassByClass() {
        // Wildcards before the JDK package, a look-alike package, a JDK supertype of user classes, other JDK code.
        for (String text : new String[] {"*.util.concurrent.atomic.*#*", "java.utilities.*#*", "java.util*..*#*",
                "java.util.List+#get", "java.sql.*#*", "*..*#*"}) {
            assertNotNull(MethodPattern.parse(text).pattern(), text);
        }
        assertTrue(UntimedPackages.contains("java.util.concurrent.atomic.AtomicLong"));
        assertTrue(UntimedPackages.contains("jdk.proxy1.$Proxy7"));
        assertTrue(!UntimedPackages.contains("java.utilities.Thing"));
        assertTrue(!UntimedPackages.contains("java.sql.DriverManager"));
    }
}
