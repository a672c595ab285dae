-- Issue 17: counting at a million responses, a query may count its rows per small cell first (how many, and the sum
-- of their record keys) and add the cells up afterwards. A cell key is the sum of the records' keys, so the published
-- value of the added-up cells is the published value of the rows themselves (migration 021's published()).
create macro published_total(x_counts, x_key_sums) as published(sum(x_counts)::bigint, sum(x_key_sums)::bigint);
