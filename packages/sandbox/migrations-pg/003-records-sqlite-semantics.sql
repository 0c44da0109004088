-- Records read on PostgreSQL exactly as the SQLite store reads them.
--
-- 1. Record keys order as bytes (SQLite's BINARY collation), whatever the database's locale: pages are cut at
--    `record_key > cursor`, so both stores must agree on the order. The primary key index is rebuilt in "C".
ALTER TABLE records ALTER COLUMN record_key SET DATA TYPE TEXT COLLATE "C";

-- 2. A JSON value as text, as SQLite's `CAST(json_extract(data, '$."item"') AS TEXT)` renders it: filters,
--    quality figures and conflict comparisons match on that text. Strings unescaped, true/false as 1/0, JSON
--    null as NULL, objects and arrays as their (canonical, minified) JSON, integers that fit 64 bits as written,
--    every other number as SQLite renders a REAL: "%!.15g", or "%!.17g" when 15 digits do not round-trip.
--    These digits are correctly rounded; SQLite's (3.53) are not always: it renders an occasional number with
--    16 or 17 digits where 15 round-trip (0.000982704362 as 0.0009827043619999999, about 1 in 20,000 of short
--    decimals between 1e-6 and 1e15, more often beyond, 5e-324 as 4.9406564584124654e-324). There the two
--    stores differ; reproducing SQLite's arithmetic digit for digit is not worth it.

CREATE FUNCTION unsilo_sqlite_real_text(value DOUBLE PRECISION) RETURNS TEXT
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  -- to_char's EEEE is C's "%.*e" (correctly rounded).
  rendered TEXT := btrim(to_char(value, '9.99999999999999EEEE'));
  digits_kept INTEGER := 15;
  round_trips BOOLEAN;
  exponent INTEGER;
  digits TEXT;
  body TEXT;
BEGIN
  -- Round-trips? (15 digits of the largest doubles overflow: they do not.)
  round_trips := CASE WHEN abs(rendered::NUMERIC) > 1.7976931348623157e308 THEN FALSE
                      ELSE rendered::DOUBLE PRECISION = value END;
  IF NOT round_trips THEN
    rendered := btrim(to_char(value, '9.9999999999999999EEEE'));
    digits_kept := 17;
  END IF;
  exponent := split_part(rendered, 'e', 2)::INTEGER;
  -- The significant digits without the point, the sign and the trailing zeros ("%g" drops them).
  digits := rtrim(replace(split_part(ltrim(rendered, '-'), 'e', 1), '.', ''), '0');
  IF digits = '' THEN digits := '0'; END IF;
  IF exponent < -4 OR exponent >= digits_kept THEN
    -- "!" keeps one digit after the point; the exponent has at least two digits.
    body := left(digits, 1) || '.' || coalesce(nullif(substr(digits, 2), ''), '0') || 'e'
      || CASE WHEN exponent < 0 THEN '-' ELSE '+' END
      || CASE WHEN abs(exponent) < 10 THEN '0' ELSE '' END || abs(exponent)::TEXT;
  ELSIF exponent < 0 THEN
    body := '0.' || repeat('0', -exponent - 1) || digits;
  ELSE
    body := rpad(left(digits, exponent + 1), exponent + 1, '0') || '.'
      || coalesce(nullif(substr(digits, exponent + 2), ''), '0');
  END IF;
  RETURN CASE WHEN left(rendered, 1) = '-' THEN '-' ELSE '' END || body;
END
$$;

CREATE FUNCTION unsilo_sqlite_text(value JSON) RETURNS TEXT
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE json_typeof(value)
    WHEN 'string' THEN value #>> '{}'
    WHEN 'number' THEN
      CASE WHEN value::TEXT ~ '^-?[0-9]+$'
            AND value::TEXT::NUMERIC BETWEEN -9223372036854775808 AND 9223372036854775807
        THEN value::TEXT
        ELSE unsilo_sqlite_real_text(value::TEXT::DOUBLE PRECISION) END
    WHEN 'boolean' THEN CASE WHEN value::TEXT = 'true' THEN '1' ELSE '0' END
    WHEN 'null' THEN NULL
    ELSE value::TEXT
  END
$$;
