-- A guard for writes sent together as one statement (lib/db/sql-tx.ts): when a write touched
-- other than the rows it must, the statement fails, so nothing of it is kept. SQLSTATE CS001
-- carries the write's position in the statement as its DETAIL.
CREATE FUNCTION expect_rows(write_index integer, touched bigint, expected integer) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF touched <> expected THEN
    RAISE EXCEPTION 'write % touched % rows, expected %', write_index, touched, expected
      USING ERRCODE = 'CS001', DETAIL = write_index::text;
  END IF;
END
$$;
