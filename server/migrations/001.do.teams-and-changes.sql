-- Every key leads with team_id: a team's rows are one distribution column
-- away from being sharded (Citus), and every query is scoped by team.
CREATE TABLE teams (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  -- The team's sequence counter: bumped inside each push transaction, whose
  -- row lock makes commit order equal sequence order.
  seq bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE members (
  team_id uuid NOT NULL REFERENCES teams (id),
  id uuid NOT NULL,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('head', 'manager')),
  created_at timestamptz NOT NULL DEFAULT now(),
  left_at timestamptz,
  PRIMARY KEY (team_id, id)
);

CREATE TABLE devices (
  team_id uuid NOT NULL,
  id uuid NOT NULL,
  member_id uuid NOT NULL,
  name text NOT NULL DEFAULT '',
  -- SHA-256 of the token; the token itself is never stored.
  token_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz,
  revoked_at timestamptz,
  PRIMARY KEY (team_id, id),
  FOREIGN KEY (team_id, member_id) REFERENCES members (team_id, id)
);
CREATE UNIQUE INDEX devices_token_hash ON devices (token_hash);

CREATE TABLE invites (
  team_id uuid NOT NULL REFERENCES teams (id),
  code text NOT NULL,
  created_by uuid NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (team_id, code)
);
CREATE UNIQUE INDEX invites_code ON invites (code);

CREATE TABLE changes (
  team_id uuid NOT NULL,
  seq bigint NOT NULL,
  id uuid NOT NULL,
  kind text NOT NULL,
  company_id uuid NOT NULL,
  hlc text NOT NULL,
  body jsonb NOT NULL,
  member_id uuid,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (team_id, seq),
  UNIQUE (team_id, id)
);

-- Which company first had a listing id, INN or phone: finds cross-manager duplicates.
CREATE TABLE company_keys (
  team_id uuid NOT NULL,
  key text NOT NULL,
  company_id uuid NOT NULL,
  PRIMARY KEY (team_id, key)
);
