package store

import (
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"

	"parley/model"
)

// LoadDeck returns the briefing deck saved with the named scenario. A
// scenario without a saved deck, or no such scenario, is a model.ENOTFOUND
// error.
func (s *Store) LoadDeck(scenario string) (*model.Deck, error) {
	var name, slides sql.NullString
	err := s.db.QueryRow(`SELECT d.name, d.slides FROM scenario s LEFT JOIN deck d ON d.scenario_id = s.id WHERE s.name = ?`, scenario).
		Scan(&name, &slides)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, notFound(scenario)
	case err != nil:
		return nil, s.fail("open the briefing deck of scenario "+strconv.Quote(scenario), err)
	case !slides.Valid:
		return nil, model.Errorf(model.ENOTFOUND, "scenario %q has no saved briefing deck", scenario)
	}
	d := &model.Deck{Name: name.String}
	if err := json.Unmarshal([]byte(slides.String), &d.Slides); err != nil {
		return nil, &model.Error{Code: model.EINTERNAL, Where: s.path, Message: "the briefing deck of scenario " + strconv.Quote(scenario) + " is damaged", Err: err}
	}
	return d, nil
}

// SaveDeck saves d as the named scenario's briefing deck, replacing the one
// saved before, in one transaction. Every slide is checked against the
// scenario first (known chart kind and model, issues the scenario has);
// nothing is written when one fails.
func (s *Store) SaveDeck(scenario string, d *model.Deck) error {
	if d == nil {
		return model.Invalid("deck", model.RuleRequired, "there is no deck to save")
	}
	slides := d.Slides
	if slides == nil {
		slides = []model.Slide{}
	}
	b, err := json.Marshal(slides)
	if err != nil {
		return &model.Error{Code: model.EINTERNAL, Message: "could not encode the deck", Err: err}
	}
	return s.write("save the briefing deck of scenario "+strconv.Quote(scenario), func(tx *sql.Tx) error {
		sc, _, err := loadResolved(tx, scenario)
		if err != nil {
			return err
		}
		if err := d.Validate(sc); err != nil {
			return err
		}
		_, err = tx.Exec(`INSERT INTO deck (scenario_id, name, slides, modified) VALUES (?,?,?,?)
			ON CONFLICT (scenario_id) DO UPDATE SET name = excluded.name, slides = excluded.slides, modified = excluded.modified`,
			sc.ID, d.Name, string(b), s.now())
		return err
	})
}
