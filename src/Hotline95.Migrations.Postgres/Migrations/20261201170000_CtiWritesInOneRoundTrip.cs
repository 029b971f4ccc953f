using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hotline95.Migrations.Postgres.Migrations
{
    /// <summary>
    /// Issue 18 point 5: a CTI batch's writes go to the server in one round trip that also commits them (an implicit
    /// transaction), instead of three (read and lock the day's caller sketches, write, commit). Two functions make that
    /// possible: the database merges a batch's new callers into the stored sketch itself (no read before the write), and an
    /// update that must change one row fails inside the database when it did not (a check after the commit would be too late).
    /// </summary>
    public partial class CtiWritesInOneRoundTrip : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Registers are 0-based byte offsets, ranks 1..53; a register keeps the larger rank (HyperLogLog's merge), so the
            // result is the same whatever the order and repetition of the merges. STRICT: a null argument gives a null sketch,
            // which the NOT NULL column refuses rather than losing the stored callers.
            migrationBuilder.Sql("""
                CREATE FUNCTION rollup_sketch_merge(sketch bytea, registers integer[], ranks integer[]) RETURNS bytea
                LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
                BEGIN
                  IF coalesce(array_length(registers, 1), 0) <> coalesce(array_length(ranks, 1), 0) THEN
                    RAISE EXCEPTION 'rollup_sketch_merge: % registers but % ranks', array_length(registers, 1), array_length(ranks, 1);
                  END IF;
                  FOR i IN 1 .. coalesce(array_length(registers, 1), 0) LOOP
                    IF get_byte(sketch, registers[i]) < ranks[i] THEN
                      sketch := set_byte(sketch, registers[i], ranks[i]);
                    END IF;
                  END LOOP;
                  RETURN sketch;
                END $$;

                CREATE FUNCTION hotline95_require_one_row(changed bigint, message text) RETURNS void
                LANGUAGE plpgsql VOLATILE AS $$
                BEGIN
                  IF changed IS DISTINCT FROM 1 THEN
                    RAISE EXCEPTION '%', message USING ERRCODE = 'P0004', DETAIL = format('%s rows changed', changed);
                  END IF;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP FUNCTION hotline95_require_one_row(bigint, text);
                DROP FUNCTION rollup_sketch_merge(bytea, integer[], integer[]);
                """);
        }
    }
}
