-- How the contract's creation input (init code + constructor arguments, where filflow indexed the
-- creation) compares with the compiled creation code: full, partial, none; NULL when the creation
-- is not indexed. Column match is the runtime code's; Sourcify's overall match is the better of the two.
ALTER TABLE verified_contracts
    ADD COLUMN IF NOT EXISTS creation_match TEXT CHECK (creation_match IN ('full', 'partial', 'none'));
