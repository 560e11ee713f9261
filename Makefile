# slm: PGXS build
EXTENSION = slm
EXTVERSION = 0.1.0

MODULE_big = slm
OBJS = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))

# The install script is assembled from one SQL file per module, in
# dependency order; each module's SQL lives beside its C file.
SQL_PARTS = src/slm.sql src/calendar.sql src/target.sql src/trigger.sql src/availability.sql src/compliance.sql src/kano.sql src/feedback.sql
DATA_built = slm--$(EXTVERSION).sql

# pg_regress: one file per feature, run in this order.
REGRESS = calendar_io calendar_time calendar_add target trigger availability compliance kano feedback catalog
REGRESS_OPTS = --inputdir=. --load-extension=slm --dbname=slm_regression

PG_CFLAGS = -std=gnu99 -Wall -Wextra -Werror -Wno-unused-parameter \
	-Wno-sign-compare -Wno-missing-field-initializers -Wno-cast-function-type \
	-Isrc

EXTRA_CLEAN = slm--$(EXTVERSION).sql

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

slm--$(EXTVERSION).sql: $(SQL_PARTS)
	cat $(SQL_PARTS) > $@
