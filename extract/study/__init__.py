"""Study fields: document type, cohort size, design, follow-up and bibliographic fields."""
