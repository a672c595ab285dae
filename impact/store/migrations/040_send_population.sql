-- The population reach is counted against, stated once: children and young people with an EHC plan or on SEN
-- Support. Both the respondents (the numerator) and the population baseline (the denominator) pass through it, so a
-- response about a child with no support, "Don't know" or a blank is in neither.
create macro in_send_population(level) as coalesce(level in ('EHC plan', 'SEN Support'), false);
