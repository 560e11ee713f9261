-- ---------------------------------------------------------------------
-- The service catalogue: services with their hours and prices, the
-- parties that provide and receive them, agreements (SLA, OLA, UC) and
-- their commitments, and the chains of commitments beneath each SLA
-- commitment. Plain tables, dumped with the database
-- (pg_extension_config_dump); every other part of slm works without them.
-- Nothing is granted on them: their owner grants what each role needs.
-- ---------------------------------------------------------------------

CREATE TABLE slm.parties (
    name text PRIMARY KEY,
    internal boolean NOT NULL,
    description text,
    -- the target of the foreign keys that say which side a party is on
    CONSTRAINT parties_name_internal UNIQUE (name, internal)
);
COMMENT ON TABLE slm.parties IS
    'Who provides and receives services: internal groups (service desk, network team) and outside organisations (customers, suppliers)';
COMMENT ON COLUMN slm.parties.internal IS
    'Part of the IT organisation: may provide SLAs and OLAs and receive OLAs and UCs; an outside party may provide UCs';

CREATE TABLE slm.services (
    name text PRIMARY KEY,
    description text,
    hours slm.calendar NOT NULL DEFAULT '24x7',
    price numeric,
    price_unit text,
    CONSTRAINT services_price CHECK (price OPERATOR(pg_catalog.>=) 0),
    CONSTRAINT services_price_unit CHECK ((price IS NULL) OPERATOR(pg_catalog.=) (price_unit IS NULL))
);
COMMENT ON TABLE slm.services IS
    'The services of the catalogue, with their service hours and price';
COMMENT ON COLUMN slm.services.hours IS
    'Agreed service hours, the calendar the service''s commitments usually run on';
COMMENT ON COLUMN slm.services.price IS
    'Price per price_unit (e.g. 12.50 per "user and month"); both or neither';

CREATE TABLE slm.agreements (
    name text PRIMARY KEY,
    kind text NOT NULL,
    service text NOT NULL REFERENCES slm.services ON UPDATE CASCADE,
    provider text NOT NULL,
    customer text NOT NULL REFERENCES slm.parties,
    valid tstzrange NOT NULL DEFAULT '(,)',
    review_interval interval,
    description text,
    -- Which side each party must be on, kept by foreign keys to
    -- slm.parties (name, internal): an UC's provider is outside, the
    -- provider of an SLA or OLA is internal; the customer of an OLA or UC
    -- is internal (NULL for an SLA: any customer).
    provider_internal boolean NOT NULL
        GENERATED ALWAYS AS (kind OPERATOR(pg_catalog.<>) 'UC') STORED,
    customer_internal boolean
        GENERATED ALWAYS AS (CASE WHEN kind OPERATOR(pg_catalog.<>) 'SLA' THEN true END) STORED,
    CONSTRAINT agreements_kind CHECK (kind OPERATOR(pg_catalog.=) ANY (ARRAY['SLA', 'OLA', 'UC'])),
    CONSTRAINT agreements_valid CHECK (NOT pg_catalog.isempty(valid)),
    CONSTRAINT agreements_review_interval CHECK (review_interval OPERATOR(pg_catalog.>) '0'::interval),
    CONSTRAINT agreements_provider FOREIGN KEY (provider, provider_internal)
        REFERENCES slm.parties (name, internal),
    CONSTRAINT agreements_customer_internal FOREIGN KEY (customer, customer_internal)
        REFERENCES slm.parties (name, internal),
    -- the target of the commitments' foreign key, which copies the kind
    CONSTRAINT agreements_name_kind UNIQUE (name, kind)
);
COMMENT ON TABLE slm.agreements IS
    'Agreements: an SLA with a customer, an OLA with an internal group, an underpinning contract (UC) with a supplier, each for one service';
COMMENT ON COLUMN slm.agreements.kind IS
    'SLA, OLA or UC';
COMMENT ON COLUMN slm.agreements.valid IS
    'The period the agreement is in force: a clock that starts outside it takes no target from it';
COMMENT ON COLUMN slm.agreements.review_interval IS
    'How often the agreement is reviewed';
COMMENT ON COLUMN slm.agreements.provider_internal IS
    'Generated: whether the provider must be internal (all but a UC)';
COMMENT ON COLUMN slm.agreements.customer_internal IS
    'Generated: true when the customer must be internal (an OLA or UC), NULL for an SLA';

CREATE TABLE slm.commitments (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agreement text NOT NULL,
    kind text NOT NULL,
    metric text NOT NULL,
    scope jsonb NOT NULL DEFAULT '{}',
    valid tstzrange NOT NULL DEFAULT '(,)',
    target slm.target,
    availability_goal float8,
    description text,
    CONSTRAINT commitments_agreement FOREIGN KEY (agreement, kind)
        REFERENCES slm.agreements (name, kind) ON UPDATE CASCADE ON DELETE CASCADE,
    CONSTRAINT commitments_metric CHECK (metric OPERATOR(pg_catalog.<>) ''),
    -- scope values are compared with row columns as text: no nesting, no null
    CONSTRAINT commitments_scope CHECK (
        pg_catalog.jsonb_typeof(scope) OPERATOR(pg_catalog.=) 'object'
        AND NOT pg_catalog.jsonb_path_exists(scope,
            'strict $.* ? (@.type() == "object" || @.type() == "array" || @.type() == "null")')),
    CONSTRAINT commitments_valid CHECK (NOT pg_catalog.isempty(valid)),
    -- an availability commitment has a goal, every other a target
    CONSTRAINT commitments_goal CHECK (
        CASE WHEN metric OPERATOR(pg_catalog.=) 'availability'
             THEN target IS NULL AND availability_goal OPERATOR(pg_catalog.>) 0
                  AND availability_goal OPERATOR(pg_catalog.<=) 1
             ELSE target IS NOT NULL AND availability_goal IS NULL END),
    CONSTRAINT commitments_key UNIQUE (agreement, metric, scope, valid),
    -- the target of the links' foreign keys, which copy metric and kind
    CONSTRAINT commitments_id_metric_kind UNIQUE (id, metric, kind)
);
COMMENT ON TABLE slm.commitments IS
    'What an agreement commits to, per metric (response, resolution, availability, ...) and scope (e.g. {"priority": 1}): a target, or an availability goal';
COMMENT ON COLUMN slm.commitments.kind IS
    'The agreement''s kind, copied (and kept in step) by the foreign key to slm.agreements';
COMMENT ON COLUMN slm.commitments.scope IS
    'Which rows the commitment covers: a JSON object of column names and values, matched against a tracked row''s columns as text; {} covers every row';
COMMENT ON COLUMN slm.commitments.valid IS
    'The period the commitment applies to clocks starting in: a renegotiated target is a new commitment whose period starts where the old one''s ends';
COMMENT ON COLUMN slm.commitments.target IS
    'The target of a clock (every metric but availability)';
COMMENT ON COLUMN slm.commitments.availability_goal IS
    'The share of the service hours the service must be available, in (0, 1] (metric availability only)';

CREATE TABLE slm.underpinning_links (
    sla_commitment bigint NOT NULL,
    chain integer NOT NULL DEFAULT 1,
    step integer NOT NULL,
    commitment bigint NOT NULL,
    metric text NOT NULL,
    kind text NOT NULL,
    sla_kind text NOT NULL GENERATED ALWAYS AS ('SLA') STORED,
    PRIMARY KEY (sla_commitment, chain, step),
    CONSTRAINT underpinning_links_chain CHECK (chain OPERATOR(pg_catalog.>) 0),
    CONSTRAINT underpinning_links_step CHECK (step OPERATOR(pg_catalog.>) 0),
    CONSTRAINT underpinning_links_kind CHECK (kind OPERATOR(pg_catalog.=) ANY (ARRAY['OLA', 'UC'])),
    CONSTRAINT underpinning_links_metric CHECK (metric OPERATOR(pg_catalog.<>) 'availability'),
    -- the head is an SLA commitment, each link an OLA or UC commitment, all
    -- of one metric
    CONSTRAINT underpinning_links_sla FOREIGN KEY (sla_commitment, metric, sla_kind)
        REFERENCES slm.commitments (id, metric, kind) ON DELETE CASCADE,
    CONSTRAINT underpinning_links_commitment FOREIGN KEY (commitment, metric, kind)
        REFERENCES slm.commitments (id, metric, kind)
);
COMMENT ON TABLE slm.underpinning_links IS
    'The chains beneath an SLA commitment: step by step, the OLA and UC commitments of the same metric a ticket passes through';
COMMENT ON COLUMN slm.underpinning_links.chain IS
    'Which chain of the SLA commitment (a commitment may rest on several alternative chains)';
COMMENT ON COLUMN slm.underpinning_links.step IS
    'Order within the chain: each step starts when the previous one''s deadline passes';
COMMENT ON COLUMN slm.underpinning_links.metric IS
    'The metric of both commitments, checked by the foreign keys';
COMMENT ON COLUMN slm.underpinning_links.kind IS
    'The kind of the linked commitment''s agreement: OLA or UC, checked by the foreign key';
COMMENT ON COLUMN slm.underpinning_links.sla_kind IS
    'Generated: SLA, so that the foreign key admits only an SLA commitment as the head';

-- Fills in the columns that copy another row when they are left out (a
-- commitment's kind, a link's metric and kind), and says in words which
-- rule a row breaks before the foreign keys refuse it with their names.
-- The foreign keys stay the rule; this only makes writing and reading
-- errors easier.
CREATE FUNCTION slm.catalogue_check() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    party_internal boolean;
    link_metric text;
    link_kind text;
    head_metric text;
    head_kind text;
BEGIN
    IF TG_TABLE_NAME OPERATOR(pg_catalog.=) 'agreements' THEN
        SELECT p.internal INTO party_internal FROM slm.parties p
        WHERE p.name OPERATOR(pg_catalog.=) NEW.provider;
        IF FOUND AND NEW.kind OPERATOR(pg_catalog.=) 'UC' AND party_internal THEN
            RAISE foreign_key_violation USING
                MESSAGE = pg_catalog.format('the provider of UC %L must be an outside party', NEW.name),
                DETAIL = pg_catalog.format('%L is internal in slm.parties. A UC is with a supplier; work an internal group agrees to do is an OLA.', NEW.provider);
        ELSIF FOUND AND NEW.kind OPERATOR(pg_catalog.=) ANY (ARRAY['SLA', 'OLA']) AND NOT party_internal THEN
            RAISE foreign_key_violation USING
                MESSAGE = pg_catalog.format('the provider of %s %L must be an internal party', NEW.kind, NEW.name),
                DETAIL = pg_catalog.format('%L is outside the organisation in slm.parties. An agreement with a supplier is a UC.', NEW.provider);
        END IF;
        IF NEW.kind OPERATOR(pg_catalog.=) ANY (ARRAY['OLA', 'UC']) THEN
            SELECT p.internal INTO party_internal FROM slm.parties p
            WHERE p.name OPERATOR(pg_catalog.=) NEW.customer;
            IF FOUND AND NOT party_internal THEN
                RAISE foreign_key_violation USING
                    MESSAGE = pg_catalog.format('the customer of %s %L must be an internal party', NEW.kind, NEW.name),
                    DETAIL = pg_catalog.format('%L is outside the organisation in slm.parties. An OLA or UC supports the IT organisation; an agreement with a customer is an SLA.', NEW.customer);
            END IF;
        END IF;
    ELSIF TG_TABLE_NAME OPERATOR(pg_catalog.=) 'commitments' THEN
        IF NEW.kind IS NULL OR (TG_OP OPERATOR(pg_catalog.=) 'UPDATE'
                AND NEW.agreement IS DISTINCT FROM OLD.agreement
                AND NEW.kind IS NOT DISTINCT FROM OLD.kind) THEN
            NEW.kind := (SELECT a.kind FROM slm.agreements a
                         WHERE a.name OPERATOR(pg_catalog.=) NEW.agreement);
        END IF;
    ELSE
        SELECT c.metric, c.kind INTO link_metric, link_kind FROM slm.commitments c
        WHERE c.id OPERATOR(pg_catalog.=) NEW.commitment;
        IF FOUND AND (TG_OP OPERATOR(pg_catalog.=) 'INSERT'
                OR NEW.commitment IS DISTINCT FROM OLD.commitment) THEN
            IF NEW.metric IS NULL OR (TG_OP OPERATOR(pg_catalog.=) 'UPDATE'
                    AND NEW.metric IS NOT DISTINCT FROM OLD.metric) THEN
                NEW.metric := link_metric;
            END IF;
            IF NEW.kind IS NULL OR (TG_OP OPERATOR(pg_catalog.=) 'UPDATE'
                    AND NEW.kind IS NOT DISTINCT FROM OLD.kind) THEN
                NEW.kind := link_kind;
            END IF;
        END IF;
        SELECT c.metric, c.kind INTO head_metric, head_kind FROM slm.commitments c
        WHERE c.id OPERATOR(pg_catalog.=) NEW.sla_commitment;
        IF FOUND AND head_kind OPERATOR(pg_catalog.<>) 'SLA' THEN
            RAISE foreign_key_violation USING
                MESSAGE = pg_catalog.format('commitment %s heads a chain but belongs to an agreement of kind %s', NEW.sla_commitment, head_kind),
                DETAIL = 'A chain lies beneath an SLA commitment.';
        END IF;
        IF link_kind OPERATOR(pg_catalog.=) 'SLA' THEN
            RAISE foreign_key_violation USING
                MESSAGE = pg_catalog.format('step %s of chain %s under commitment %s is an SLA commitment (%s)',
                                            NEW.step, NEW.chain, NEW.sla_commitment, NEW.commitment),
                DETAIL = 'The steps of a chain are OLA and UC commitments.';
        END IF;
        IF head_metric OPERATOR(pg_catalog.<>) link_metric THEN
            RAISE foreign_key_violation USING
                MESSAGE = pg_catalog.format('step %s of chain %s under commitment %s is for metric %L, the SLA commitment for %L',
                                            NEW.step, NEW.chain, NEW.sla_commitment, link_metric, head_metric),
                DETAIL = 'A chain joins commitments of one metric.';
        END IF;
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION slm.catalogue_check() IS
    'Trigger of the catalogue tables: fills in a commitment''s kind and a link''s metric and kind when left out, and names the rule a row breaks';
CREATE TRIGGER agreements_check BEFORE INSERT OR UPDATE ON slm.agreements
    FOR EACH ROW EXECUTE FUNCTION slm.catalogue_check();
CREATE TRIGGER commitments_check BEFORE INSERT OR UPDATE ON slm.commitments
    FOR EACH ROW EXECUTE FUNCTION slm.catalogue_check();
CREATE TRIGGER underpinning_links_check BEFORE INSERT OR UPDATE ON slm.underpinning_links
    FOR EACH ROW EXECUTE FUNCTION slm.catalogue_check();

SELECT pg_catalog.pg_extension_config_dump('slm.parties', '');
SELECT pg_catalog.pg_extension_config_dump('slm.services', '');
SELECT pg_catalog.pg_extension_config_dump('slm.agreements', '');
SELECT pg_catalog.pg_extension_config_dump('slm.commitments', '');
SELECT pg_catalog.pg_extension_config_dump('slm.commitments_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('slm.underpinning_links', '');

-- Every SLA commitment with a target, against each of its chains: one row
-- per commitment and chain, and one with NULL figures for a commitment
-- without a chain, so that it shows as unchecked. Starts are those of the
-- range that the agreement and the commitment are valid for.
CREATE FUNCTION slm.underpinning_report(starts tstzrange)
    RETURNS TABLE (agreement text, service text, commitment bigint, metric text, scope jsonb,
                   chain integer, period tstzrange, sla slm.target, chain_targets slm.target[],
                   holds boolean, worst_slack interval, worst_start timestamptz, fit float8)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT c.agreement, a.service, c.id, c.metric, c.scope, l.chain,
       starts OPERATOR(pg_catalog.*) a.valid OPERATOR(pg_catalog.*) c.valid,
       c.target, l.targets, u.holds, u.worst_slack, u.worst_start, u.fit
FROM slm.commitments c
JOIN slm.agreements a ON a.name OPERATOR(pg_catalog.=) c.agreement
LEFT JOIN LATERAL (
    SELECT k.chain, pg_catalog.array_agg(s.target ORDER BY k.step) AS targets
    FROM slm.underpinning_links k
    JOIN slm.commitments s ON s.id OPERATOR(pg_catalog.=) k.commitment
    WHERE k.sla_commitment OPERATOR(pg_catalog.=) c.id
    GROUP BY k.chain
) l ON true
LEFT JOIN LATERAL slm.underpinning(c.target, l.targets,
                                   starts OPERATOR(pg_catalog.*) a.valid
                                   OPERATOR(pg_catalog.*) c.valid) u ON true
WHERE c.kind OPERATOR(pg_catalog.=) 'SLA' AND c.target IS NOT NULL
  AND starts OPERATOR(pg_catalog.&&) a.valid AND starts OPERATOR(pg_catalog.&&) c.valid
  AND a.valid OPERATOR(pg_catalog.&&) c.valid
ORDER BY c.agreement, c.metric, c.id, l.chain
$$;
COMMENT ON FUNCTION slm.underpinning_report(tstzrange) IS
    'Every SLA commitment with a target against each of its chains in slm.underpinning_links, as slm.underpinning over the starts in range that the agreement and commitment are valid for; a commitment without a chain gives one row with NULL chain and figures';
