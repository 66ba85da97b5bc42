package io.rostersync.web;

import io.rostersync.directory.District;
import io.rostersync.web.console.ConsoleUser;
import io.rostersync.web.console.When;
import org.springframework.ui.Model;

/** What every console page is given: the signed-in admin, how times read, and which page it is. */
final class ConsolePages {

    private ConsolePages() {
    }

    static String page(Model model, Caller caller, District d, String name) {
        model.addAttribute("when", When.UTC);
        model.addAttribute("caller", new ConsoleUser(caller.name(), d.slug(), d.name(), caller.districtWide()));
        model.addAttribute("page", name);
        return "console/" + name;
    }
}
