-- Parley schema v3: the pairs of actors who never bargain directly, per
-- scenario, as the JSON array of model.NoBargainPair ({"a","b","rationale"}),
-- actors by name. What-ifs keep '[]': they use their base's pairs.
ALTER TABLE scenario ADD COLUMN no_bargain TEXT NOT NULL DEFAULT '[]';
