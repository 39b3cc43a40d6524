/* test_sha256.c - unit tests for sha256.c against FIPS 180 vectors and
 * digests computed independently.
 *
 * Usage: test_sha256 [IGNORED]
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sha256.h"

static void check_digest(const void *bytes, size_t len, const char *expected_hex)
{
    unsigned char digest[32];
    char hex[65];

    memset(hex, 'X', sizeof hex);
    gen_sha256(bytes, len, digest);
    gen_sha256_hex(digest, hex);
    assert_int_equal(hex[64], '\0');
    assert_string_equal(hex, expected_hex);
}

/* The FIPS 180-2 appendix B examples (also in NIST's SHA examples). */
static void test_fips_empty(void **state)
{
    (void)state;
    check_digest("", 0,
                 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void test_fips_abc(void **state)
{
    (void)state;
    check_digest("abc", 3,
                 "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void test_fips_448_bits(void **state)
{
    static const char msg[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

    (void)state;
    assert_int_equal(sizeof msg - 1, 56);
    check_digest(msg, sizeof msg - 1,
                 "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void test_fips_896_bits(void **state)
{
    static const char msg[] = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
                              "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";

    (void)state;
    assert_int_equal(sizeof msg - 1, 112);
    check_digest(msg, sizeof msg - 1,
                 "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

static void test_fips_million_a(void **state)
{
    char *msg = malloc(1000000);

    (void)state;
    assert_non_null(msg);
    memset(msg, 'a', 1000000);
    check_digest(msg, 1000000,
                 "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    free(msg);
}

/* Lengths around the padding boundaries: 55 bytes is the longest message
 * whose padding fits in one block, 56 the shortest that needs a second;
 * 63, 64 and 65 straddle a full block, 119/120 and 128 do the same one
 * block later. The expected values were computed with Python's hashlib:
 *   hashlib.sha256(b"a" * n).hexdigest()
 *   hashlib.sha256(bytes(i % 256 for i in range(n))).hexdigest() */
typedef struct length_vector {
    size_t len;
    const char *repeated_a;
    const char *counting;
} length_vector;

static const length_vector length_vectors[] = {
    {55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318",
     "463eb28e72f82e0a96c0a4cc53690c571281131f672aa229e0d45ae59b598b59"},
    {56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a",
     "da2ae4d6b36748f2a318f23e7ab1dfdf45acdc9d049bd80e59de82a60895f562"},
    {63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34",
     "29af2686fd53374a36b0846694cc342177e428d1647515f078784d69cdb9e488"},
    {64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb",
     "fdeab9acf3710362bd2658cdc9a29e8f9c757fcf9811603a8c447cd1d9151108"},
    {65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0",
     "4bfd2c8b6f1eec7a2afeb48b934ee4b2694182027e6d0fc075074f2fabb31781"},
    {119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb",
     "da18797ed7c3a777f0847f429724a2d8cd5138e6ed2895c3fa1a6d39d18f7ec6"},
    {120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c",
     "f52b23db1fbb6ded89ef42a23ce0c8922c45f25c50b568a93bf1c075420bbb7c"},
    {128, "6836cf13bac400e9105071cd6af47084dfacad4e5e302c94bfed24e013afb73e",
     "471fb943aa23c511f6f72f8d1652d9c880cfa392ad80503120547703e56a2be5"},
};

static void check_length(size_t len)
{
    unsigned char msg[128];
    size_t i, v;

    for (v = 0; v < sizeof length_vectors / sizeof length_vectors[0]; v++)
        if (length_vectors[v].len == len)
            break;
    assert_true(v < sizeof length_vectors / sizeof length_vectors[0]);
    assert_true(len <= sizeof msg);
    memset(msg, 'a', len);
    check_digest(msg, len, length_vectors[v].repeated_a);
    for (i = 0; i < len; i++)
        msg[i] = (unsigned char)(i % 256);
    check_digest(msg, len, length_vectors[v].counting);
}

static void test_length_55(void **state) { (void)state; check_length(55); }
static void test_length_56(void **state) { (void)state; check_length(56); }
static void test_length_63(void **state) { (void)state; check_length(63); }
static void test_length_64(void **state) { (void)state; check_length(64); }
static void test_length_65(void **state) { (void)state; check_length(65); }
static void test_length_119(void **state) { (void)state; check_length(119); }
static void test_length_120(void **state) { (void)state; check_length(120); }
static void test_length_128(void **state) { (void)state; check_length(128); }

/* The digest reads only bytes[0..len): bytes after the end (here a byte the
 * unpadded tail would pick up if it read one too many) change nothing. */
static void test_reads_only_len_bytes(void **state)
{
    char msg[4] = {'a', 'b', 'c', 'X'};

    (void)state;
    check_digest(msg, 3,
                 "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void test_hex_digits_are_lower_case(void **state)
{
    unsigned char digest[32];
    char hex[65];
    size_t i;

    (void)state;
    for (i = 0; i < 32; i++)
        digest[i] = (unsigned char)(i * 8 + 7);
    gen_sha256_hex(digest, hex);
    assert_string_equal(hex,
                        "070f171f272f373f474f575f676f777f878f979fa7afb7bfc7cfd7dfe7eff7ff");
    memset(digest, 0, sizeof digest);
    gen_sha256_hex(digest, hex);
    assert_string_equal(hex,
                        "0000000000000000000000000000000000000000000000000000000000000000");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fips_empty),
        cmocka_unit_test(test_fips_abc),
        cmocka_unit_test(test_fips_448_bits),
        cmocka_unit_test(test_fips_896_bits),
        cmocka_unit_test(test_fips_million_a),
        cmocka_unit_test(test_length_55),
        cmocka_unit_test(test_length_56),
        cmocka_unit_test(test_length_63),
        cmocka_unit_test(test_length_64),
        cmocka_unit_test(test_length_65),
        cmocka_unit_test(test_length_119),
        cmocka_unit_test(test_length_120),
        cmocka_unit_test(test_length_128),
        cmocka_unit_test(test_reads_only_len_bytes),
        cmocka_unit_test(test_hex_digits_are_lower_case),
    };

    return cmocka_run_group_tests_name("sha256", tests, NULL, NULL);
}
