//! Styles in one place. Without colour (`NO_COLOR`) every meaning stays in the text: lights are
//! written out (红/黄/绿), the selection is reversed, errors are marked by their words.

use ratatui::style::{Color, Modifier, Style};

use crate::model::Light;

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    fn fg(self, color: Color) -> Style {
        if self.color {
            Style::default().fg(color)
        } else {
            Style::default()
        }
    }

    pub fn light(self, light: Option<Light>) -> Style {
        match light {
            Some(Light::Red) => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            Some(Light::Yellow) => self.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Some(Light::Green) => self.fg(Color::Green),
            None => Style::default(),
        }
    }

    pub fn selected(self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }

    pub fn problem_row(self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }

    pub fn muted(self) -> Style {
        self.fg(Color::DarkGray)
    }

    pub fn title(self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }

    pub fn heading(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn key(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn error(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn info(self) -> Style {
        self.fg(Color::Green)
    }

    pub fn banner(self) -> Style {
        if self.color {
            Style::default()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    pub fn focused(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
}
