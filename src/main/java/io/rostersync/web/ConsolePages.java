package io.rostersync.web;

import io.rostersync.directory.District;
import io.rostersync.web.console.ConsoleUser;
import io.rostersync.web.console.When;
import org.springframework.ui.Model;

/** What every console page is given: the signed-in admin, how times read, and which page it is. */
final class ConsolePages {

    private ConsolePages() {
    }

    /** A write to a district's directory, which waits for no sync. */
    @FunctionalInterface
    interface DirectoryWrite {
        void run() throws java.sql.SQLException;
    }

    /** Runs the write, or answers 409 while a sync of the district holds its lock. */
    static void unlessSyncing(DirectoryWrite write) throws java.sql.SQLException {
        try {
            write.run();
        } catch (io.rostersync.directory.DirectoryStore.DistrictBusyException e) {
            throw ApiProblem.conflict("A sync of the district is running.", "Try again when it has finished.");
        }
    }

    static String page(Model model, Caller caller, District d, String name) {
        model.addAttribute("when", When.UTC);
        model.addAttribute("caller", new ConsoleUser(caller.name(), d.slug(), d.name(), caller.districtWide()));
        model.addAttribute("page", name);
        return "console/" + name;
    }
}
