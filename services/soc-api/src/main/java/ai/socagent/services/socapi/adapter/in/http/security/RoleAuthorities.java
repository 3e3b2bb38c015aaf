package ai.socagent.services.socapi.adapter.in.http.security;

import ai.socagent.services.socapi.domain.Role;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A role as a Spring Security authority ({@code ROLE_ANALYST}); the role hierarchy adds the lower ones. */
public final class RoleAuthorities {

    private RoleAuthorities() {}

    public static String authority(Role role) {
        return "ROLE_" + role.name();
    }

    public static List<GrantedAuthority> of(Collection<Role> roles) {
        return roles.stream()
                .filter(Objects::nonNull)
                .distinct()
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority(authority(role)))
                .toList();
    }

    public static List<GrantedAuthority> of(Role role) {
        return of(Stream.of(role).toList());
    }
}
