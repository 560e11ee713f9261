# slm: PGXS build
EXTENSION = slm
EXTVERSION = 0.2.0

MODULE_big = slm
OBJS = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))

# The install script of the current version is assembled from one SQL file
# per module, in dependency order; each module's SQL lives beside its C
# file. The upgrade script from the previous release is assembled the same
# way from src/update/, one file per module. Install scripts of released
# versions (slm--0.1.0.sql) are frozen and kept as they shipped.
SQL_PARTS = src/slm.sql src/calendar.sql src/target.sql src/underpinning.sql src/trigger.sql src/availability.sql src/compliance.sql src/olaclock.sql src/durations.sql src/kano.sql src/feedback.sql src/review.sql src/catalogue.sql
# Modules new in this version go into the upgrade script whole; the others
# contribute their src/update/ part, if they have one.
NEW_PARTS = src/underpinning.sql src/olaclock.sql src/durations.sql src/review.sql src/catalogue.sql
UPDATE_PARTS = $(foreach p,$(SQL_PARTS),$(if $(filter $(p),$(NEW_PARTS)),$(p),$(wildcard $(patsubst src/%,src/update/%,$(p)))))
DATA = slm--0.1.0.sql slm--0.1.0--$(EXTVERSION).sql
DATA_built = slm--$(EXTVERSION).sql

# pg_regress: one file per feature; catalog, which checks every object of
# the extension, runs last.
REGRESS = $(filter-out catalog,$(basename $(notdir $(sort $(wildcard sql/*.sql))))) catalog
REGRESS_OPTS = --inputdir=. --load-extension=slm

PG_CFLAGS = -std=gnu99 -Wall -Wextra -Werror -Wno-unused-parameter \
	-Wno-sign-compare -Wno-missing-field-initializers -Wno-cast-function-type \
	-Isrc

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

slm--$(EXTVERSION).sql: $(SQL_PARTS)
	cat $(SQL_PARTS) > $@

# The upgrade script is committed, as released scripts are; it is written
# from its parts by `make upgrade-script`, and test/upgrade.test.sh fails
# when it differs from them (`make upgrade-script-check`).
upgrade-script:
	cat src/update/header.sql $(UPDATE_PARTS) > slm--0.1.0--$(EXTVERSION).sql

upgrade-script-check:
	@cat src/update/header.sql $(UPDATE_PARTS) | cmp -s - slm--0.1.0--$(EXTVERSION).sql || \
	  { echo "slm--0.1.0--$(EXTVERSION).sql differs from its parts: run make upgrade-script"; exit 1; }

.PHONY: upgrade-script upgrade-script-check
