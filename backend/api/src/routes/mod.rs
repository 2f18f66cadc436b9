//! The HTTP routes, one module per resource. Each handler's doc comment says who may call it and
//! becomes its description in the OpenAPI document.

pub mod api_tokens;
pub mod audit;
pub mod common;
pub mod departments;
pub mod directions;
pub mod editions;
pub mod exports;
pub mod grades;
pub mod groups;
pub mod health;
pub mod imports;
pub mod me;
pub mod measures;
pub mod mfa;
pub mod my_work;
pub mod notifications;
pub mod periods;
pub mod plans;
pub mod progress;
pub mod reports;
pub mod rows;
pub mod search;
pub mod sessions;
pub mod structure;
pub mod table;
pub mod users;

use utoipa_actix_web::service_config::ServiceConfig;

/// Registers every `/api/v1` endpoint (through `.service`, so utoipa-actix-web documents it).
pub fn configure(cfg: &mut ServiceConfig) {
    // The most frequent requests first: actix tries the routes in this order and matches each
    // route with a path parameter by a regular expression, so the table of another city system
    // or an editor's autosave no longer waits for ~90 failed matches (bench/RESULTS.md). No two
    // routes match the same method and path, so the order changes nothing else.
    cfg.service(table::get)
        .service(reports::save)
        .service(reports::get)
        .service(reports::list)
        .service(progress::dashboard)
        .service(notifications::list)
        .service(me::get)
        .service(sessions::login)
        .service(sessions::refresh)
        .service(sessions::logout)
        .service(me::change_password)
        .service(users::list)
        .service(users::get)
        .service(users::create)
        .service(users::update)
        .service(users::reset_password)
        .service(departments::list)
        .service(departments::get)
        .service(departments::create)
        .service(departments::update)
        .service(plans::list)
        .service(plans::create)
        .service(plans::get)
        .service(plans::update)
        .service(plans::delete)
        .service(plans::tree)
        .service(measures::list)
        .service(measures::create)
        .service(measures::get)
        .service(measures::update)
        .service(measures::delete)
        .service(directions::list)
        .service(directions::create)
        .service(directions::update)
        .service(directions::delete)
        .service(rows::list)
        .service(rows::create)
        .service(rows::get)
        .service(rows::update)
        .service(rows::delete)
        .service(rows::set_departments)
        .service(rows::reorder)
        .service(groups::list)
        .service(groups::create)
        .service(groups::rename)
        .service(groups::delete)
        .service(periods::list)
        .service(periods::get)
        .service(periods::create)
        .service(periods::update)
        .service(periods::open)
        .service(periods::close)
        .service(periods::reopen)
        .service(periods::publish)
        .service(editions::correct)
        .service(editions::create)
        .service(editions::list_for_period)
        .service(editions::list_public)
        .service(editions::get_public)
        .service(editions::json)
        .service(editions::csv)
        .service(editions::xlsx)
        .service(editions::print)
        .service(grades::list)
        .service(grades::replace)
        .service(reports::copy_previous)
        .service(reports::no_change)
        .service(reports::submit)
        .service(reports::return_report)
        .service(reports::approve)
        .service(reports::reopen)
        .service(reports::versions)
        .service(reports::diff)
        .service(progress::reminders)
        .service(progress::send)
        .service(notifications::mark_all_read)
        .service(notifications::mark_read)
        .service(audit::list)
        .service(search::search)
        .service(imports::preview_import)
        .service(imports::commit_import)
        .service(exports::xlsx)
        .service(exports::csv)
        .service(exports::json)
        .service(exports::print)
        .service(api_tokens::list)
        .service(api_tokens::create)
        .service(api_tokens::revoke)
        .service(mfa::begin_enrolment)
        .service(mfa::activate)
        .service(mfa::disable)
        .service(mfa::reset_for_user)
        .service(my_work::choose_plan)
        .service(my_work::open_reports)
        .service(my_work::sessions)
        .service(my_work::end_other_sessions)
        .service(rows::reports)
        .service(structure::reorder_measures)
        .service(structure::reorder_directions)
        .service(structure::add_row_to_period);
}
